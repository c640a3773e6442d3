# A correct vpce-apigw-lambda configuration: a private REST API with its own private custom domain
# name, reached through the execute-api endpoint, no ALB. Every review check is silent on it.
provider "aws" {
  region = "eu-west-1"
}

resource "aws_vpc" "main" {
  cidr_block           = "10.20.0.0/16"
  enable_dns_support   = true
  enable_dns_hostnames = true
}

resource "aws_subnet" "a" {
  vpc_id            = aws_vpc.main.id
  cidr_block        = "10.20.1.0/24"
  availability_zone = "eu-west-1a"
}

resource "aws_subnet" "b" {
  vpc_id            = aws_vpc.main.id
  cidr_block        = "10.20.2.0/24"
  availability_zone = "eu-west-1b"
}

resource "aws_security_group" "endpoint" {
  vpc_id = aws_vpc.main.id
  ingress {
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["10.0.0.0/8"]
  }
}

resource "aws_vpc_endpoint" "execute_api" {
  vpc_id              = aws_vpc.main.id
  service_name        = "com.amazonaws.eu-west-1.execute-api"
  vpc_endpoint_type   = "Interface"
  subnet_ids          = [aws_subnet.a.id, aws_subnet.b.id]
  security_group_ids  = [aws_security_group.endpoint.id]
  private_dns_enabled = false
}

resource "aws_api_gateway_rest_api" "orders" {
  name = "orders"

  endpoint_configuration {
    types            = ["PRIVATE"]
    vpc_endpoint_ids = [aws_vpc_endpoint.execute_api.id]
  }

  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = "*"
      Action    = "execute-api:Invoke"
      Resource  = "execute-api:/*"
      Condition = { StringEquals = { "aws:SourceVpce" = aws_vpc_endpoint.execute_api.id } }
    }]
  })
}

resource "aws_acm_certificate" "orders" {
  domain_name       = "orders.internal.example.com"
  validation_method = "DNS"
}

resource "aws_api_gateway_domain_name" "orders" {
  domain_name     = "orders.internal.example.com"
  certificate_arn = aws_acm_certificate.orders.arn
  security_policy = "TLS_1_2"

  endpoint_configuration {
    types = ["PRIVATE"]
  }

  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = "*"
      Action    = "execute-api:Invoke"
      Resource  = "execute-api:/*"
      Condition = { StringEquals = { "aws:SourceVpce" = [aws_vpc_endpoint.execute_api.id] } }
    }]
  })
}

resource "aws_api_gateway_domain_name_access_association" "orders" {
  access_association_source      = aws_vpc_endpoint.execute_api.id
  access_association_source_type = "VPCE"
  domain_name_arn                = aws_api_gateway_domain_name.orders.arn
}

resource "aws_api_gateway_base_path_mapping" "orders" {
  api_id         = aws_api_gateway_rest_api.orders.id
  stage_name     = "live"
  domain_name    = aws_api_gateway_domain_name.orders.domain_name
  domain_name_id = aws_api_gateway_domain_name.orders.domain_name_id
}

resource "aws_route53_zone" "internal" {
  name = "internal.example.com"
  vpc {
    vpc_id = aws_vpc.main.id
  }
}

resource "aws_route53_record" "orders" {
  zone_id = aws_route53_zone.internal.zone_id
  name    = "orders.internal.example.com"
  type    = "A"
  alias {
    name                   = aws_vpc_endpoint.execute_api.dns_entry[0].dns_name
    zone_id                = aws_vpc_endpoint.execute_api.dns_entry[0].hosted_zone_id
    evaluate_target_health = false
  }
}

resource "aws_lambda_function" "orders" {
  function_name = "orders"
  role          = aws_iam_role.orders.arn
  handler       = "app.handler"
  runtime       = "python3.13"
  memory_size   = 512
  architectures = ["arm64"]
  filename      = "app.zip"
}

resource "aws_iam_role" "orders" {
  name               = "orders"
  assume_role_policy = "{}"
}
