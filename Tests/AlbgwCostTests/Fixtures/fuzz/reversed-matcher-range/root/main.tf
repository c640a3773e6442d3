resource "aws_lb" "api" {
  subnets = ["subnet-a", "subnet-b"]
}

resource "aws_lb_listener" "https" {
  load_balancer_arn = aws_lb.api.arn
  default_action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.endpoint.arn
  }
}

resource "aws_lb_target_group" "endpoint" {
  port        = 443
  protocol    = "HTTPS"
  target_type = "ip"
  health_check {
    protocol = "HTTPS"
    matcher  = "500-200"
  }
}

resource "aws_lb_target_group_attachment" "endpoint" {
  target_group_arn = aws_lb_target_group.endpoint.arn
  target_id        = tolist(aws_vpc_endpoint.execute_api.network_interface_ids)[0]
}

resource "aws_vpc_endpoint" "execute_api" {
  service_name      = "com.amazonaws.us-west-2.execute-api"
  vpc_endpoint_type = "Interface"
}

resource "aws_api_gateway_rest_api" "private" {
  endpoint_configuration {
    types = ["PRIVATE"]
  }
}
